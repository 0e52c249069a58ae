//! focused-build
