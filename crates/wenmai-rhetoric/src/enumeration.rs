//! enumeration (being built).
