//! The pure core: everything here runs natively and in the browser alike.

#![deny(clippy::arithmetic_side_effects)]

pub mod drafts;
pub mod edit;
pub mod field;
pub mod import;
pub mod linkage;
pub mod model;
pub mod report;
pub mod results;
pub mod sample;
pub mod review;
pub mod scheme;
pub mod scoring;
pub mod summary;
pub mod validate;
pub mod value;
