//! Every name a host page can see or trip over, in one place: the event
//! prefix, the `dataLayer` entry, the localStorage keys, the Web Lock and the
//! console prefix. They are a contract with the host and with what earlier
//! visits stored: changing one loses saved progress or queued leads, or
//! breaks the host's listeners. The loader (`js/b2b-assessment.js`) cannot
//! import these and keeps its own copies (the element name, the `data-`
//! attribute, its console prefix).

/// Every event name starts with this: `b2b-assessment:start`, …
pub const EVENT_PREFIX: &str = "b2b-assessment:";
/// The global array events are also pushed to, when the host asks for it.
pub const DATA_LAYER: &str = "dataLayer";
/// The key under which an event's detail goes into a `dataLayer` entry.
pub const DATA_LAYER_KEY: &str = "b2bAssessment";
/// Saved progress, one key per mode: this prefix and the mode's name.
pub const PROGRESS_KEY_PREFIX: &str = "b2b-assessment:progress:v1:";
/// The outbox of leads not yet delivered.
pub const OUTBOX_KEY: &str = "b2b-assessment:outbox:v1";
/// The Web Lock held by the tab that sends the outbox.
pub const OUTBOX_LOCK: &str = "b2b-assessment:outbox";
/// Every console message starts with this, so a site's developer can tell ours.
pub const CONSOLE_PREFIX: &str = "b2b-assessment: ";

#[cfg(test)]
mod tests {
    use super::*;

    /// Stored data and host listeners depend on these exact strings.
    #[test]
    fn the_names_hosts_and_earlier_visits_depend_on_are_unchanged() {
        assert_eq!(EVENT_PREFIX, "b2b-assessment:");
        assert_eq!(DATA_LAYER, "dataLayer");
        assert_eq!(DATA_LAYER_KEY, "b2bAssessment");
        assert_eq!(PROGRESS_KEY_PREFIX, "b2b-assessment:progress:v1:");
        assert_eq!(OUTBOX_KEY, "b2b-assessment:outbox:v1");
        assert_eq!(OUTBOX_LOCK, "b2b-assessment:outbox");
        assert_eq!(CONSOLE_PREFIX, "b2b-assessment: ");
    }
}
