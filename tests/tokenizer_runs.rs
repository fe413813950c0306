//! Our patched html5ever (vendor/html5ever, `pop_run_except_from`) reads a
//! run of text up to the next `<`, `&`, `\r` or `\0` eight bytes at a time
//! and keeps newlines inside the run, where the release read a byte at a
//! time and ended a run at each newline. Only the cuts between character
//! tokens may change, never the tree: each page here parses to the same
//! tree as with the release's code path (`TokenizerOpts::release_runs`),
//! fed whole, one character at a time, or in uneven pieces.

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tokenizer::TokenizerOpts;
use html5ever::ParseOpts;
use scraper::{Html, HtmlTreeSink};

fn parse_with(html: &str, pieces: impl Iterator<Item = usize>, opts: ParseOpts) -> String {
    let mut parser = html5ever::parse_document(HtmlTreeSink::new(Html::new_document()), opts);
    let mut rest = html;
    for size in pieces {
        if rest.is_empty() {
            break;
        }
        let mut cut = size.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        parser.process(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
    }
    if !rest.is_empty() {
        parser.process(StrTendril::from_slice(rest));
    }
    parser.finish().html()
}

fn parse_in_pieces(html: &str, pieces: impl Iterator<Item = usize>) -> String {
    parse_with(html, pieces, ParseOpts::default())
}

/// As the release parses it: a byte at a time, a run cut at each newline.
fn release(html: &str) -> String {
    let opts = ParseOpts {
        tokenizer: TokenizerOpts {
            release_runs: true,
            ..Default::default()
        },
        ..Default::default()
    };
    parse_with(html, std::iter::empty(), opts)
}

fn whole(html: &str) -> String {
    Html::parse_document(html).html()
}

fn one_char_at_a_time(html: &str) -> String {
    parse_in_pieces(html, std::iter::repeat(1))
}

/// Piece sizes 1 to 23 bytes from a fixed xorshift sequence.
fn uneven(seed: u64) -> impl Iterator<Item = usize> {
    let mut state = seed | 1;
    std::iter::from_fn(move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        Some(1 + (state % 23) as usize)
    })
}

const CASES: &[&str] = &[
    // Script and style text over several lines, with CRLF and a lone CR.
    "<!DOCTYPE html><html><head><style>\nbody {\r\n  color: red;\r}\np::after { content: '<'; }\n</style>\
     <script>\nvar a = 1;\r\nif (a < 2) { a++; }\n// </scrip\n</script></head><body><p>x</p></body></html>",
    // A newline right after <pre> and <textarea> is dropped by the tree builder.
    "<body><pre>\n\nfirst line\nsecond</pre><textarea>\nkept &amp; line\r\nnext</textarea></body>",
    "<body><pre>\r\nafter CRLF</pre><pre>\rafter CR</pre><listing>\nx</listing></body>",
    // Text runs with newlines in every insertion mode that splits whitespace.
    "<html>\n \n<head>\n<title>\nA &amp; B\n</title>\n</head>\n \n<body>\n<table>\n <tr>\n  <td>a\nb</td>\n x \n</tr></table>\n</body>\n</html>\n \n",
    // NUL bytes in data, RCDATA, RAWTEXT and script data.
    "<body>a\0b<title>t\0t</title><style>s\0s</style><script>x\0y</script><textarea>\0</textarea></body>",
    // Entities right before and after newlines, and a run ending at the input's end.
    "<p>one&nbsp;\ntwo&amp\nthree &notin; four\n\n&#x41;\nend of input without a newline",
    // Script data escapes and a script that never closes.
    "<script><!--\nvar s = '<script>';\n--></script><p>after</p><script>\nnever closed\n<p>",
    // Multi-byte characters next to the stop bytes and at eight-byte edges.
    "<p>ééééééé<b>€</b>\n日本語のテキスト\n<i>ß</i>x\u{1F600}\n</p><script>'ä\nü<'</script>",
    // Rawtext elements: xmp, iframe, noembed, noframes.
    "<xmp>\n<b>not a tag</b>\n</xmp><iframe>\nx < y\n</iframe><noembed>\na\n</noembed><noframes>\nb</noframes>",
];

#[test]
fn hand_written_cases_parse_as_the_release_does_whole_and_in_pieces() {
    for case in CASES {
        assert_eq!(whole(case), release(case), "{case:?}");
        assert_eq!(whole(case), one_char_at_a_time(case), "{case:?}");
        for seed in 1..8 {
            assert_eq!(
                whole(case),
                parse_in_pieces(case, uneven(seed)),
                "{case:?}, seed {seed}"
            );
        }
    }
}

#[test]
fn long_runs_cross_every_eight_byte_boundary() {
    // A stop byte at every offset within and around an eight-byte word.
    for before in 0..20 {
        for stop in ["<b>x</b>", "&amp;", "\r\n", "\0"] {
            let text = format!(
                "{}{stop}{}",
                "a\n".repeat(before / 2) + &"b".repeat(before % 2),
                "c\nd".repeat(3)
            );
            for wrapper in [
                "<p>{}</p>",
                "<script>{}</script>",
                "<style>{}</style>",
                "<title>{}</title>",
            ] {
                let html = wrapper.replace("{}", &text);
                assert_eq!(whole(&html), release(&html), "{html:?}");
                assert_eq!(whole(&html), one_char_at_a_time(&html), "{html:?}");
            }
        }
    }
}

#[test]
fn corpus_pages_parse_as_the_release_does_whole_and_in_pieces() {
    let dir = std::path::Path::new("../shared/corpus/readability");
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .expect("the Mozilla corpus in ../shared")
        .filter_map(|entry| Some(entry.ok()?.path().join("source.html")))
        .filter(|path| path.exists())
        .collect();
    pages.sort();
    assert!(pages.len() > 100, "found {} pages", pages.len());
    for (n, path) in pages.iter().enumerate() {
        let html = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        assert_eq!(
            whole(&html),
            parse_in_pieces(&html, uneven(n as u64 + 1)),
            "{}",
            path.display()
        );
    }
}
