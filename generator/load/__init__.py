"""Stage 1: read a data package. `open_package` reads and checks the descriptor (which files, which
schemas, which settings); `load_tables` reads the table files into typed DataFrames; `files` reads
the bytes published as they are; `history` reads earlier versions from git."""
from generator.load.package import PackageSpec, ResourceSpec, locate, open_package, safe_relative
from generator.load.tables import ROW, Tables, empty_frame, load_tables, typed_frame

__all__ = ["PackageSpec", "ResourceSpec", "locate", "open_package", "safe_relative", "ROW", "Tables", "empty_frame",
           "load_tables", "typed_frame"]
