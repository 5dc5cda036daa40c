"""matplotlib figure builders (no pyplot, no Qt), shared by the GUI and the Excel export."""
