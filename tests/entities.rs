//! html5ever's named character references come from our patched web_atoms
//! (vendor/web_atoms: a sorted table instead of a phf map, for the wasm's
//! size). The tokenizer asks `NAMED_ENTITIES.get` after each character of a
//! name; the release's map held every name and every prefix of one, so this
//! rebuilds that map from the release's own list (vendor/web_atoms/entities.rs,
//! unchanged) and checks every key, and every key with one more character.

use std::collections::BTreeMap;

use html5ever::data::NAMED_ENTITIES;

mod release {
    include!("../vendor/web_atoms/entities.rs");
}

/// The release's map: names without `&`, every prefix (and "") as (0, 0).
fn release_map() -> BTreeMap<String, (u32, u32)> {
    let mut map: BTreeMap<String, (u32, u32)> = release::NAMED_ENTITIES
        .iter()
        .map(|(name, cp1, cp2)| (name[1..].to_string(), (*cp1, *cp2)))
        .collect();
    for key in map.keys().cloned().collect::<Vec<_>>() {
        for n in 1..key.len() {
            map.entry(key[..n].to_string()).or_insert((0, 0));
        }
    }
    map.insert(String::new(), (0, 0));
    map
}

#[test]
fn every_name_and_prefix_answers_as_the_release_map() {
    let map = release_map();
    assert_eq!(map.len(), 9854);
    for (key, value) in &map {
        assert_eq!(NAMED_ENTITIES.get(key), Some(value), "{key:?}");
    }
}

#[test]
fn one_more_character_answers_as_the_release_map() {
    let map = release_map();
    let extra = ('0'..='9').chain('A'..='Z').chain('a'..='z').chain([
        ';',
        '&',
        '#',
        ' ',
        '\u{0}',
        'é',
        '\u{10FFFF}',
    ]);
    for key in map.keys() {
        for c in extra.clone() {
            let longer = format!("{key}{c}");
            assert_eq!(NAMED_ENTITIES.get(&longer), map.get(&longer), "{longer:?}");
        }
    }
}
