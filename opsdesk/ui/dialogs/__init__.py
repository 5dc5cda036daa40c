"""Dialogs: editors and small pickers, each with a classmethod `ask(parent, context, ...)`."""
