"""Reading the analysts' files (CSV/XLSX, long or wide) into one clean set of observations."""
