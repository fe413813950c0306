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

#[test]
fn a_figure_with_a_share_button_is_no_share_tool() {
    // The figure's class names its share button; its caption is short.
    let page = format!(
        "<html><body><article><div class=article-body>{}<figure class=\"photo has-share-overlay\">\
         <a href=\"/gallery/3\"><picture><source srcset=\"/img/wall-gap-900.jpg 900w\">\
         <img src=\"/img/wall-gap-600.jpg\" alt=\"The gap in the wall\"></picture></a>\
         <figcaption>The gap near the lifeboat station.</figcaption></figure>{}</div>\
         </article></body></html>",
        prose(2),
        prose(3)
    );
    let html = article_html(&page);
    assert_keeps(&html, "/img/wall-gap-600.jpg");
    assert!(
        html.contains("The gap near the lifeboat station."),
        "{html}"
    );
}

#[test]
fn a_click_to_reveal_wrapper_around_a_figure_is_no_button() {
    // A picture behind a content warning: the wrapper is a button until
    // the reader clicks it.
    let page = format!(
        "<html><body><main><div class=entry>{}<div role=\"button\" tabindex=\"0\">\
         <figure><img src=\"https://cdn.example.org/storm-damage.jpg\" alt=\"Storm damage\">\
         <figcaption>After the storm.</figcaption></figure></div>{}</div></main></body></html>",
        prose(3),
        prose(2)
    );
    let html = article_html(&page);
    assert_keeps(&html, "/storm-damage.jpg");
    assert!(html.contains("After the storm."), "{html}");
}

#[test]
fn a_pop_up_wrapper_inside_a_figure_is_no_pop_up() {
    // Inside a figure, a wrapper named for the pop-up that enlarges the
    // image holds the image itself.
    let page = format!(
        "<html><body><section class=text>{}<figure><div class=\"zoomModal lightbox\">\
         <img src=\"/fotos/quay-2026.jpg\" alt=\"The quay\"></div>\
         <figcaption>The quay at low tide.</figcaption></figure>{}</section></body></html>",
        prose(2),
        prose(3)
    );
    let html = article_html(&page);
    assert_keeps(&html, "/fotos/quay-2026.jpg");
}

#[test]
fn a_share_bar_beside_the_figure_still_goes() {
    let page = format!(
        "<html><body><article>{}<figure><img src=\"/img/quay.jpg\" alt=\"\">\
         <figcaption>The quay.</figcaption></figure><div class=share-tools><a href=\"/s/fb\">\
         Facebook</a> <a href=\"/s/x\">Post</a></div>{}</article></body></html>",
        prose(2),
        prose(3)
    );
    let html = article_html(&page);
    assert_keeps(&html, "/img/quay.jpg");
    assert!(!html.contains("Facebook"), "{html}");
}

#[test]
fn a_picture_keeps_its_place_when_its_caption_is_all_links() {
    // The caption links every name in it: the block is link-heavy and
    // goes, but judged from the inside out only the caption does.
    let page = format!(
        "<html><body><div id=bodytext>{}<div class=\"pic pic-right\"><div class=pic-frame>\
         <a href=\"/files/lighthouse.jpg\"><img src=\"//media.example.net/w/320/lighthouse.jpg\" \
         width=320 height=240 alt=\"\"></a><div class=pic-note><a href=\"/wiki/Lighthouse\">\
         Lighthouse</a> by <a href=\"/wiki/Stevenson\">R. Stevenson</a></div></div></div>{}\
         </div></body></html>",
        prose(2),
        prose(3)
    );
    let html = article_html(&page);
    assert_keeps(&html, "/w/320/lighthouse.jpg");
    assert!(!html.contains("R. Stevenson"), "{html}");
}

#[test]
fn a_link_heavy_block_with_a_picture_and_its_own_text_still_goes() {
    // Only pictures are rescued: a teaser whose text is left after its
    // links go is still a teaser.
    let page = format!(
        "<html><body><div id=bodytext>{}<div class=teaser><img src=\"/t/ferry.jpg\" alt=\"\">\
         <div><a href=\"/ferry\">New ferry timetable</a> <a href=\"/ferry/fares\">fares</a>\
         </div><span>Read more</span></div>{}</div></body></html>",
        prose(2),
        prose(3)
    );
    let html = article_html(&page);
    assert!(!html.contains("Read more"), "{html}");
    assert!(!html.contains("New ferry timetable"), "{html}");
}

#[test]
fn a_lazy_image_under_an_attribute_of_its_own_is_read() {
    // The loader keeps the real URL under a name of its own; the src is a
    // transparent placeholder.
    let page = format!(
        "<html><body><article>{}<p><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" \
         data-deferred-url=\"https://img.example.com/2026/slipway.webp?w=800\" alt=\"\"></p>{}\
         </article></body></html>",
        prose(2),
        prose(3)
    );
    let html = article_html(&page);
    assert_keeps(&html, "/2026/slipway.webp?w=800");
}

#[test]
fn a_figure_waiting_for_its_picture_gets_it_from_its_own_attributes() {
    // The picture is put in by a script; until then only the figure knows
    // its URL (a microdata item id here).
    let page = format!(
        "<html><body><article>{}<figure itemscope itemtype=\"http://schema.org/ImageObject\" \
         itemid=\"https://photos.example.com/quay/night-view.jpg?q=80\"><div class=ph></div>\
         <figcaption>The quay at night.</figcaption></figure>{}</article></body></html>",
        prose(2),
        prose(3)
    );
    let html = article_html(&page);
    assert_keeps(&html, "/quay/night-view.jpg?q=80");
    assert!(html.contains("The quay at night."), "{html}");
}

#[test]
fn json_in_a_lazy_attribute_is_no_url_and_scripts_stay_out() {
    let page = format!(
        "<html><body><article>{}<p><img data-src='{{\"w\":\"640\",\"src\":\"//x.example/a.jpg\"}}' \
         alt=\"\"><img src=\"data:,\" data-big=\"javascript:alert(1)//x.png\" onerror=\"alert(2)\">\
         </p>{}</article></body></html>",
        prose(2),
        prose(3)
    );
    let html = article_html(&page);
    assert!(!html.contains("%7B"), "{html}");
    assert!(
        !html.contains("javascript") && !html.contains("onerror"),
        "{html}"
    );
}

#[test]
fn a_picture_named_for_sharing_is_no_share_bar() {
    // "share" starts a word of the name (sharePhoto: the picture readers
    // may share), it is not the word itself.
    let page = format!(
        "<html><body><div class=main-text>{}<div class=\"storySharePhoto\">\
         <img src=\"/pics/2026/nets-drying.jpg\" alt=\"Nets drying on the quay\">\
         <span>Send to a friend</span></div>{}</div></body></html>",
        prose(2),
        prose(3)
    );
    let html = article_html(&page);
    assert_keeps(&html, "/pics/2026/nets-drying.jpg");
}

#[test]
fn share_buttons_on_each_picture_of_a_gallery_leave_the_pictures() {
    // Each picture carries its own share button; the row of pictures,
    // holding two of them, is no share bar.
    let cell = |name: &str| {
        format!(
            "<div class=cell><div class=pic><img src=\"/gallery/{name}.jpg\" width=300 alt=\"\"></div>\
             <p>Boats moored inside the wall, {name}, before the slipway closed for the repairs.</p><div class=tools>\
             <a href=\"https://www.facebook.com/sharer/sharer.php?u=x\">Share on Facebook</a></div></div>"
        )
    };
    let page = format!(
        "<html><body><article><div class=story-body>{}<div class=row>{}{}</div>{}</div>\
         </article></body></html>",
        prose(2),
        cell("boats-morning"),
        cell("boats-evening"),
        prose(3)
    );
    let html = article_html(&page);
    assert_keeps(&html, "/gallery/boats-morning.jpg");
    assert_keeps(&html, "/gallery/boats-evening.jpg");
    assert!(!html.contains("Share on Facebook"), "{html}");
}

#[test]
fn a_picture_and_its_caption_in_blocks_named_media_stay() {
    // Picture and caption in plain divs named for what they hold ("media"
    // is on Readability.js's negative list, which dropped both): judged by
    // their content they are a picture and a line of text. A bar of
    // social-media links is still a share bar.
    let page = format!(
        "<html><body><div class=story>{}<div class=media-box><div class=frame>\
         <img src=\"/img/slipway.jpg\" width=640 height=400 alt=\"\"></div></div>\
         <div class=media-caption>The slipway after the storm - Photo: Harbour Trust</div>{}\
         <div class=social-media><a href=\"/s/fb\">Facebook</a> <a href=\"/s/x\">X</a> \
         <a href=\"/s/mail\">Email</a></div></div></body></html>",
        prose(2),
        prose(3)
    );
    let html = article_html(&page);
    assert_keeps(&html, "/img/slipway.jpg");
    assert!(html.contains("The slipway after the storm"), "{html}");
    assert!(!html.contains("Facebook"), "{html}");
}

#[test]
fn a_media_box_around_a_player_the_reader_does_not_show_stays_out_with_its_caption() {
    // No picture in it: "media" keeps its say, and the caption of a video
    // the reader leaves out goes with it.
    let page = format!(
        "<html><body><div class=story>{}<div class=media-placeholder><figure>\
         <div class=media-container><iframe src=\"//player.example.net/embed/42\"></iframe>\
         </div><figcaption class=media-caption>Watch: the storm at the quay</figcaption>\
         </figure></div>{}</div></body></html>",
        prose(2),
        prose(3)
    );
    let html = article_html(&page);
    assert!(!html.contains("Watch: the storm"), "{html}");
    assert!(html.contains("smaller crews"), "{html}");
}

#[test]
fn a_picture_with_a_second_copy_for_zooming_is_no_gallery() {
    // The same picture twice, the second for a zoom layer the page opens on
    // a click: one picture with its caption, not a gallery without prose.
    let picture =
        "<img src=\"/img/quay-at-dawn.jpg\" width=900 height=600 alt=\"The quay at dawn\">";
    let page = format!(
        "<html><body><section class=article-text>{}<div class=pic-block>\
         <span role=button aria-label=\"Enlarge\" class=zoom-trigger>{picture}</span>\
         <div class=\"zoom-layer\" aria-modal=true>{picture}</div>\
         <div class=pic-caption><span>The quay at dawn, before the contractors arrived. \
         Photo: Ines Carvalho</span></div></div>{}</section></body></html>",
        prose(3),
        prose(3)
    );
    let html = article_html(&page);
    assert_keeps(&html, "/img/quay-at-dawn.jpg");
    assert!(html.contains("before the contractors arrived"), "{html}");
}
