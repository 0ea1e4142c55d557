//! parallelism (being built).
