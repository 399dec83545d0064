//! Placeholder until the HTML reader lands.
use super::Draft;
/// Reads a saved HTML page.
pub fn read(_raw: &str) -> Result<Draft, String> { Err("HTML reading is not available yet".into()) }
