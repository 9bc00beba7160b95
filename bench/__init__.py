"""The benchmark of the key pages at volume (`make bench`; docs/performance.md). Not part of the product."""
