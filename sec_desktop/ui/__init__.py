"""The Qt layer: one module per screen or dialog. Nothing outside this package imports Qt,
except `sec_desktop.app`, which builds the application and wires services in."""
