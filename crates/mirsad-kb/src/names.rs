//! First names (from the shared arabic_names gazetteer, extracted by the generator) used to
//! recognise a person's name after a title when the person is not in the KB.

const RAW: &str = include_str!("../../../kb/generated/first_names.txt");

pub(crate) static FIRST_NAMES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| {
        RAW.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    });
