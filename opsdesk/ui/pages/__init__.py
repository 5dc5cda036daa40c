"""The pages of the main window, each built the first time it is shown."""
