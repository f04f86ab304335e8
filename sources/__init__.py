"""Finding and reading submissions: catalog, unit registry, forms, cells, numbers and messages."""
