"""One module per layout family; each defines ``LAYOUT``. Found by the registry."""
