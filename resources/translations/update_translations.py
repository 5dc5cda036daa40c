"""Refresh the Simplified Chinese catalogue from the sources and compile it.

    /work/venv/bin/python resources/translations/update_translations.py [--check] [--missing FILE] [--merge FILE] [--prune]

1. `pyside6-lupdate` extracts every tr()/translate() string of `opsdesk/ui/**/*.py` into
   `opsdesk_zh_CN.ts` (strings no longer in the sources are dropped);
2. each message gets its translation from the reviewed glossary `zh_CN_strings.json`
   ({context: {English source: Chinese}}, "source ⟪comment⟫" for a tr() disambiguation); messages it lacks stay `unfinished` and are listed
   (`--missing FILE` writes them as a JSON skeleton to fill in and merge into the glossary);
   (`--merge FILE` adds such a filled-in file to the glossary before the rest runs);
3. `pyside6-lrelease` compiles `opsdesk_zh_CN.qm`, which is committed so a source checkout
   runs without the Qt tools.

`--check` exits 1 when any string lacks a translation.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGUAGE = "zh_CN"
TS_FILE = HERE / f"opsdesk_{LANGUAGE}.ts"
QM_FILE = HERE / f"opsdesk_{LANGUAGE}.qm"
GLOSSARY = HERE / f"{LANGUAGE}_strings.json"
PLACEHOLDER = re.compile(r"\{[A-Za-z_0-9]*(?:[:!][^{}]*)?\}|%L?\d+|%n")


def tool(name: str) -> str:
    """A PySide6 tool: next to this Python (a virtualenv), else on PATH."""
    for folder in (Path(sys.executable).parent,):
        for candidate in (folder / name, folder / f"{name}.exe"):
            if candidate.exists():
                return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment.")
    return found


def ui_sources(root: Path = ROOT) -> list[Path]:
    """Every Python file of the Qt layer, in a stable order."""
    return sorted((root / "opsdesk" / "ui").rglob("*.py"))


def run_lupdate(ts_file: Path, root: Path = ROOT) -> None:
    """Extract (or refresh) a catalogue from the sources; existing translations are kept."""
    sources = [str(path.relative_to(root)) for path in ui_sources(root)]
    subprocess.run(
        [tool("pyside6-lupdate"), "-silent", "-locations", "none", "-no-obsolete", "-target-language", LANGUAGE,
         *sources, "-ts", str(ts_file)],
        cwd=root, check=True,
    )  # fmt: skip


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    """Compile a catalogue (only finished translations go into the .qm)."""
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)


def glossary_key(message: ET.Element) -> str:
    """A message's key in its context: the source, with tr()'s disambiguation as "source ⟪comment⟫"."""
    source, comment = message.findtext("source") or "", message.findtext("comment")
    return f"{source} ⟪{comment}⟫" if comment else source


def read_messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, glossary key) -> the <message> element of a catalogue."""
    tree = ET.parse(ts_file)
    found: dict[tuple[str, str], ET.Element] = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, glossary_key(message))] = message
    return found


def translation_of(message: ET.Element) -> str | None:
    """A message's finished translation (the first plural form), or None when missing/unfinished/obsolete."""
    element = message.find("translation")
    if element is None or element.get("type") in ("unfinished", "obsolete", "vanished"):
        return None
    forms = element.findall("numerusform")
    text = (forms[0].text if forms else element.text) or ""
    return text or None


def placeholders(text: str) -> list[str]:
    """The {name} / %1 placeholders of a string, sorted (order may change in a translation)."""
    return sorted(PLACEHOLDER.findall(text))


def load_glossary(path: Path = GLOSSARY) -> dict[str, dict[str, str]]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def save_glossary(glossary: dict[str, dict[str, str]], path: Path = GLOSSARY) -> None:
    ordered = {context: dict(sorted(texts.items())) for context, texts in sorted(glossary.items())}
    path.write_text(json.dumps(ordered, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def fill(ts_file: Path, glossary: dict[str, dict[str, str]]) -> tuple[int, dict[str, dict[str, str]], list[str]]:
    """Put the glossary's translations into the catalogue; (translated, missing, problems)."""
    tree = ET.parse(ts_file)
    translated, missing, problems = 0, {}, []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            target = glossary.get(name, {}).get(glossary_key(message))
            element = message.find("translation")
            if element is None:
                element = ET.SubElement(message, "translation")
            if not target:
                missing.setdefault(name, {})[glossary_key(message)] = ""
                continue
            if placeholders(target) != placeholders(source):
                problems.append(f"{name}: placeholders differ in {source!r} -> {target!r}")
            element.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                for form in list(element):
                    element.remove(form)
                element.text = None
                ET.SubElement(element, "numerusform").text = target  # Chinese has a single plural form
            else:
                element.text = target
            translated += 1
    write_ts(tree, ts_file)
    return translated, missing, problems


def write_ts(tree: ET.ElementTree, ts_file: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts_file.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")


def unused_entries(glossary: dict[str, dict[str, str]], ts_file: Path) -> list[str]:
    """Glossary entries no source string uses any more (kept unless --prune, but listed)."""
    present = set(read_messages(ts_file))
    return [f"{context}: {source!r}" for context, texts in glossary.items() for source in texts
            if (context, source) not in present]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 when a string has no translation")
    parser.add_argument("--missing", metavar="FILE", help="write the untranslated strings as JSON to FILE")
    parser.add_argument("--merge", metavar="FILE", help="add the reviewed translations of FILE to the glossary first")
    parser.add_argument("--prune", action="store_true", help="drop glossary entries no source string uses any more")
    args = parser.parse_args(argv)

    glossary = load_glossary()
    if args.merge:
        for context, texts in json.loads(Path(args.merge).read_text(encoding="utf-8")).items():
            glossary.setdefault(context, {}).update({source: text for source, text in texts.items() if text})
        save_glossary(glossary)
    run_lupdate(TS_FILE)
    translated, missing, problems = fill(TS_FILE, glossary)
    run_lrelease(TS_FILE, QM_FILE)
    count_missing = sum(len(texts) for texts in missing.values())
    print(f"{TS_FILE.name}: {translated} translated, {count_missing} missing -> {QM_FILE.name}")
    unused = unused_entries(glossary, TS_FILE)
    if args.prune and unused:
        present = set(read_messages(TS_FILE))
        save_glossary({context: {source: text for source, text in texts.items() if (context, source) in present}
                       for context, texts in glossary.items()})  # fmt: skip
        print(f"pruned {len(unused)} unused glossary entries")
    else:
        for line in unused:
            print(f"unused glossary entry: {line}")
    for line in problems:
        print(f"PROBLEM {line}")
    listed = [f"missing {context}: {source!r}" for context, texts in missing.items() for source in texts]
    for line in listed[:30]:
        print(line)
    if len(listed) > 30:
        print(f"... and {len(listed) - 30} more (--missing FILE lists them all)")
    if args.missing:
        Path(args.missing).write_text(json.dumps(missing, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if args.check and (count_missing or problems) else 0


if __name__ == "__main__":
    sys.exit(main())
