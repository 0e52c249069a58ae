//! The client against the sandbox over loopback HTTP, in both dialects.

mod checks;
mod explore;
mod faults;
mod filenames;
mod jobs;
mod repository;
mod support;
mod transports;
