//! Syntax requests from a local checkout.
