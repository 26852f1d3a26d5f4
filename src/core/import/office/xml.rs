//! Small helpers over quick-xml for the parts of Office files we read.

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// A reader that keeps text as it is (no trimming) and checks end tags.
pub fn reader(text: &str) -> Reader<&[u8]> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    reader
}

/// The value of the attribute whose local name (without prefix) is `name`.
pub fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name).then(|| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.to_string(), |v| v.into_owned())
        })
    })
}

/// The text of an entity or character reference (`&amp;`, `&#x4E00;`).
pub fn reference(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    quick_xml::escape::resolve_predefined_entity(r).map_or_else(String::new, str::to_string)
}

/// Position of an error for the "damaged" message.
pub fn error_at(reader: &Reader<&[u8]>, e: impl std::fmt::Display) -> String {
    format!("第 {} 字节：{e}", reader.buffer_position())
}

pub struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
}

/// The relationships of a `.rels` part.
pub fn relationships(text: &str) -> Result<Vec<Relationship>, String> {
    let mut reader = reader(text);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                if attr(&e, "TargetMode").as_deref() == Some("External") {
                    continue;
                }
                out.push(Relationship {
                    id: attr(&e, "Id").unwrap_or_default(),
                    kind: attr(&e, "Type").unwrap_or_default(),
                    target: attr(&e, "Target").unwrap_or_default(),
                });
            }
            Ok(Event::Eof) => return Ok(out),
            Ok(_) => {}
            Err(e) => return Err(error_at(&reader, e)),
        }
    }
}
