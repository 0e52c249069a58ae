//! Mass runs (next slice).
