//! The simulated mobile transaction bridge over loopback: metadata, sessions, literals, every
//! error code, the apps' behaviour.

mod support;

mod errors;
mod material;
mod metadata;
mod sales_order;
mod session;
mod user_admin;
