//! A list of strings that may be written as one string: `brand: messaging/**`
//! reads as `brand: [messaging/**]`, as a user who lists one glob expects.

use std::fmt;

use serde::de::{Deserializer, SeqAccess, Visitor};

/// `#[serde(deserialize_with = "crate::yaml::list::one_or_many")]` on a
/// `Vec<String>` field.
pub fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    struct OneOrMany;

    impl<'de> Visitor<'de> for OneOrMany {
        type Value = Vec<String>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string or a list of strings")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Self::Value, E> {
            Ok(vec![value.to_string()])
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            while let Some(item) = seq.next_element::<String>()? {
                out.push(item);
            }
            Ok(out)
        }
    }

    deserializer.deserialize_any(OneOrMany)
}

/// `one_or_many` for an `Option<Vec<String>>` field that must tell an absent
/// key (`None`, with `#[serde(default)]`) from a written one, even `[]`.
pub fn some_one_or_many<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<String>>, D::Error> {
    one_or_many(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, Debug)]
    struct Globs {
        #[serde(deserialize_with = "super::one_or_many", default)]
        brand: Vec<String>,
    }

    fn read(text: &str) -> Result<Vec<String>, serde_yaml::Error> {
        serde_yaml::from_str::<Globs>(text).map(|g| g.brand)
    }

    #[test]
    fn one_string_is_a_one_item_list() {
        assert_eq!(read("brand: 'messaging/**'\n").unwrap(), ["messaging/**"]);
        assert_eq!(read("brand: [a, b]\n").unwrap(), ["a", "b"]);
        assert!(read("{}\n").unwrap().is_empty());
    }

    #[derive(serde::Deserialize, Debug)]
    struct Listed {
        #[serde(deserialize_with = "super::some_one_or_many", default)]
        sales: Option<Vec<String>>,
    }

    #[test]
    fn an_absent_key_differs_from_an_empty_list() {
        let read = |text| serde_yaml::from_str::<Listed>(text).unwrap().sales;
        assert_eq!(read("{}\n"), None);
        assert_eq!(read("sales: []\n"), Some(vec![]));
        assert_eq!(read("sales: a\n"), Some(vec!["a".to_string()]));
    }

    #[test]
    fn other_types_are_still_errors_with_a_position() {
        let err = read("brand: {a: 1}\n").unwrap_err();
        assert!(err.location().is_some());
        assert!(
            err.to_string().contains("a string or a list of strings"),
            "{err}"
        );
        let err = read("brand:\n  - a\n  - [b]\n").unwrap_err();
        assert_eq!(err.location().map(|l| l.line()), Some(3), "{err}");
    }
}
