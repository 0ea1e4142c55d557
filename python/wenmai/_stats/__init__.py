"""The corpus statistics behind ``Corpus.kwic``, ``keyness``, ``collocations``,
``cooccurrence``, ``lexdiv`` and ``lookup``: argument checks and the DataFrames around what
``wenmai._wenmai`` computes in Rust, one module per statistic."""
