"""builder: performance data + YAML configuration -> scrutiny meeting papers."""

__version__ = "0.1.0"
