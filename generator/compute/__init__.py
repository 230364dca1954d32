"""Pure computations over the loaded tables (DataFrames in, DataFrames out; no file I/O)."""
