"""The Qt layer: windows, pages, dialogs and table models. Only this package imports PySide6."""
