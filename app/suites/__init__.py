"""The suite runner (`evalforge run SUITE.yaml`, `evalforge validate SUITE.yaml`)."""
