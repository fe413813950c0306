//! Images in the article: each page here is hand-written, one per way an
//! image (and its caption) was once lost between the page and the reader.
//! `cargo test --release --test article_images`

use declutter::{extract, Options};

const URL: &str = "https://news.example.org/2026/harbour.html";

/// Paragraphs of running text about a made-up harbour, enough for any
/// attempt to take the block holding them as the article.
fn prose(n: usize) -> String {
    let sentences = [
        "The old harbour wall, built from granite hauled down from the quarry on the hill, \
         has held back the winter storms for almost two centuries, though the last one \
         tore a gap in it near the lifeboat station.",
        "Engineers from the county surveyed the damage in March, and their report, published \
         this week, says the repair will take two summers, cost more than the council had set \
         aside, and close the slipway for most of that time.",
        "Fishermen who land their catch at the quay say they were not asked, and that moving \
         the boats to the river mouth, as the plan suggests, would add an hour to every trip \
         and put the smaller crews out of business.",
        "The council's harbour committee will meet again in June, when it expects to hear \
         from the contractors, the lifeboat crew and the families who have moored their boats \
         inside the wall for generations.",
    ];
    (0..n)
        .map(|i| format!("<p>{}</p>\n", sentences[i % sentences.len()]))
        .collect()
}

fn article_html(page: &str) -> String {
    extract(page, URL, &Options::default())
        .article
        .map(|a| a.html)
        .unwrap_or_default()
}

/// The article's `<img src>` values, in order.
fn image_sources(html: &str) -> Vec<String> {
    html.split("<img")
        .skip(1)
        .filter_map(|tag| {
            let start = tag.find("src=\"")? + 5;
            let end = start + tag[start..].find('"')?;
            Some(tag[start..end].to_string())
        })
        .collect()
}

fn assert_keeps(html: &str, file: &str) {
    assert!(
        image_sources(html).iter().any(|s| s.ends_with(file)),
        "{file} missing from {html}"
    );
}

#[test]
fn an_image_hidden_only_from_screen_readers_is_shown() {
    // A formula written twice: as MathML for assistive technology (shown
    // by no browser here) and as a picture marked aria-hidden for the eye.
    let page = format!(
        "<html><body><div class=story>{}<p>The load on each stone follows \
         <span class=formula><span style=\"display:none\"><math><mi>F</mi></math></span>\
         <img src=\"/render/force-formula.svg\" aria-hidden=\"true\" alt=\"F = p A\"></span>, \
         the pressure of the water times the area of the wall.</p>{}</div></body></html>",
        prose(3),
        prose(2)
    );
    let html = article_html(&page);
    assert_keeps(&html, "/render/force-formula.svg");
}

#[test]
fn aria_hidden_still_hides_a_block() {
    // A block marked aria-hidden is not shown as article text (a closed
    // menu, a duplicated teaser); only images are exempt.
    let page = format!(
        "<html><body><div class=story>{}<div aria-hidden=\"true\"><p>Subscribe to the \
         harbour newsletter for weekly tide tables and council notices.</p></div>{}</div>\
         </body></html>",
        prose(3),
        prose(2)
    );
    let html = article_html(&page);
    assert!(!html.contains("weekly tide tables"), "{html}");
}
