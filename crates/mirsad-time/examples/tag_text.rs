//! Tags text from stdin, one timex per line: `start end TYPE value text`.
//! `echo "وصل الوفد أمس" | cargo run -p mirsad-time --example tag_text -- 2018-05-17`

use std::io::Read;

use chrono::NaiveDate;
use mirsad_time::TimeTagger;

fn main() {
    let published = std::env::args()
        .nth(1)
        .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("utf-8 text on stdin");
    for t in TimeTagger::new().tag(&text, published) {
        println!(
            "{}\t{}\t{:?}\t{}\t{}",
            t.start, t.end, t.timex_type, t.value, t.text
        );
    }
}
