//! The reader's title and byline: the headline without the site's name, and
//! a byline that is names only — no date, label, role or profile handle,
//! and never a sentence. Small hand-written pages, one per way a page has
//! got them wrong.

use declutter::{extract, Metadata, Options};

fn metadata(head: &str, body: &str) -> Metadata {
    let html = format!(
        "<!doctype html><html lang=en><head>{head}</head><body>{body}\
         <p>The council met on a wet Tuesday and voted, after a long and heated debate about \
         the cost, the route and the trees, to build the new cycle path along the river.</p>\
         </body></html>"
    );
    extract(&html, "https://example.org/news/path", &Options::default()).metadata
}

fn byline(body: &str) -> Option<String> {
    metadata("<title>Council backs river path</title>", body).byline
}

#[test]
fn a_site_name_after_an_en_or_em_dash_is_dropped() {
    for title in [
        "Council backs the new river cycle path – Valley Gazette",
        "Council backs the new river cycle path — Valley Gazette",
    ] {
        let m = metadata(&format!("<title>{title}</title>"), "");
        assert_eq!(
            m.title.as_deref(),
            Some("Council backs the new river cycle path")
        );
    }
}

#[test]
fn a_topic_prefix_shown_in_a_second_level_heading_stays() {
    let m = metadata(
        "<title>Cycling: Council backs the new river path</title>",
        "<h1>Valley Gazette</h1><article><h2>Cycling: Council backs the new river path</h2></article>",
    );
    assert_eq!(
        m.title.as_deref(),
        Some("Cycling: Council backs the new river path")
    );
}

#[test]
fn a_structured_name_that_is_the_site_does_not_beat_the_headline() {
    // The headline is worded a little differently from the <title>; the
    // structured `name` is the publication.
    let m = metadata(
        r#"<title>Council finally backs river path after long debate - Valley Gazette</title>
        <script type="application/ld+json">{"@type":"NewsArticle","name":"Valley Gazette",
        "headline":"Council backs river path after long debate"}</script>"#,
        "",
    );
    assert_eq!(
        m.title.as_deref(),
        Some("Council backs river path after long debate")
    );
}

#[test]
fn a_date_printed_beside_the_name_is_not_part_of_the_byline() {
    for body in [
        // Glued: two elements and no space between them.
        "<div class=meta-author><span>Rosa Delgado</span><span>November 15, 2019</span></div>",
        "<p class=byline>By <b>Rosa Delgado</b><br>4 March 2021</p>",
        "<div class=post-author-date>Rosa Delgado &bull; <time>2023-06-01</time></div>",
        "<span class=author>Rosa Delgado - Jul 18, 2025 &middot; 6 min read</span>",
        "<div class=byline>Written by: Rosa Delgado<em>Last updated: 02/11/2024</em></div>",
    ] {
        assert_eq!(byline(body).as_deref(), Some("Rosa Delgado"), "{body}");
    }
}

#[test]
fn a_role_after_the_profile_link_is_not_part_of_the_byline() {
    for body in [
        "<div class=author-box><a href=/people/rosa>Rosa Delgado</a><div>Transport Correspondent</div></div>",
        "<div class=byline>By <a href=/staff/rosa>Rosa Delgado</a>, Senior Editor</div>",
        "<div class=article-author><img src=/r.jpg alt=''><span class=author-name>Rosa Delgado</span>\
         <span class=author-role>Founder at Pathfinders</span></div>",
    ] {
        assert_eq!(byline(body).as_deref(), Some("Rosa Delgado"), "{body}");
    }
}

#[test]
fn a_display_name_wins_over_a_profile_handle() {
    let m = metadata(
        r#"<title>Council backs river path</title>
        <script type="application/ld+json">{"@type":"BlogPosting","headline":"Council backs river path","author":"rdelgado42"}</script>"#,
        "<div class=byline><a href=/u/rdelgado42><span class=author-name>Rosa Delgado</span></a></div>",
    );
    assert_eq!(m.byline.as_deref(), Some("Rosa Delgado"));
}

#[test]
fn a_numeric_profile_id_is_no_byline() {
    let m = metadata(
        r#"<title>Council backs river path</title><meta property="article:author" content="100004567890123">"#,
        "<span class=author>Rosa Delgado</span>",
    );
    assert_eq!(m.byline.as_deref(), Some("Rosa Delgado"));
}

#[test]
fn a_rail_of_featured_writers_is_no_byline() {
    // An element named for authors before the article holds a teaser
    // headline, not the article's byline.
    let body = "<aside><ul><li class=author-follow><a href=/w/tom>Tom Ashby</a> \
                Readers share their memories of the old ferry crossing</li></ul></aside>\
                <h1>Council backs river path</h1><div class=author><div class=author-name>Rosa Delgado</div></div>";
    assert_eq!(byline(body).as_deref(), Some("Rosa Delgado"));
}

#[test]
fn an_open_graph_article_author_is_read() {
    let m = metadata(
        r#"<title>Council backs river path</title><meta property="og:article:author" content="Valley Gazette Staff">"#,
        "",
    );
    assert_eq!(m.byline.as_deref(), Some("Valley Gazette Staff"));
}

#[test]
fn a_reply_gives_neither_the_byline_nor_the_date() {
    // Microdata: a comment made on the article (an item inside the article's
    // item) has its own author and date.
    let reply = metadata(
        "<title>Council backs river path</title>",
        "<div itemscope itemtype=\"https://schema.org/BlogPosting\"><ul>\
         <li itemprop=\"comment\" itemscope itemtype=\"https://schema.org/Comment\">\
         <span itemprop=\"text\">Long overdue.</span> \
         <a itemprop=\"author\" itemscope itemtype=\"https://schema.org/Person\" href=\"/u/3\">\
         <span itemprop=\"name\">Maud Keller</span></a> \
         <span itemprop=\"datePublished\">2019-03-02</span></li></ul></div>",
    );
    assert_eq!(reply.byline, None);
    assert_eq!(reply.published_time, None);
    // Class names: a comment's author box is no byline.
    assert_eq!(
        byline("<div class=\"comment-author vcard\"><cite class=\"fn\">Maud Keller</cite></div>"),
        None
    );
    // A forum thread's posts are the thread's own: its opening post's author
    // and date are the page's.
    let thread = metadata(
        "<title>Council backs river path</title>",
        "<ol itemscope itemtype=\"http://schema.org/UserComments\">\
         <li itemscope itemtype=\"http://schema.org/Comment\"><span itemprop=\"author\">Ann Lee</span>\
         <span itemprop=\"datePublished\">2024-11-29</span></li>\
         <li itemscope itemtype=\"http://schema.org/Comment\"><span itemprop=\"author\">Maud Keller</span></li></ol>",
    );
    assert_eq!(thread.byline.as_deref(), Some("Ann Lee"));
    assert_eq!(thread.published_time.as_deref(), Some("2024-11-29"));
}

#[test]
fn a_questions_creation_date_is_the_date_when_nothing_says_published() {
    let m = metadata(
        "<title>Council backs river path</title>",
        "<div itemscope itemtype=\"https://schema.org/Question\">\
         <time itemprop=\"dateCreated\" datetime=\"2011-02-11T23:49:17\">Feb 11, 2011</time>\
         <ul><li itemprop=\"comment\" itemscope itemtype=\"https://schema.org/Comment\">Nice. \
         <span itemprop=\"datePublished\">2011-02-12</span></li></ul></div>",
    );
    assert_eq!(m.published_time.as_deref(), Some("2011-02-11T23:49:17"));
}

#[test]
fn an_unmarked_by_line_under_the_headline_is_the_byline() {
    // No class, rel or itemprop says "author": the line reads "By …"
    // under the headline, before the body.
    let body = "<h1>Council backs river path</h1><p class=dek>A new route for bikes.</p>\
                <div class=meta><span>By <a href=/people/ann-lee>Ann Lee</a></span> \
                <span>May 2, 2024</span></div>";
    assert_eq!(byline(body).as_deref(), Some("Ann Lee"));
    // A label in one element, the name in the next.
    let body = "<h1>Council backs river path</h1><div class=row><p>Written by</p>\
                <p>Bo van Dijk</p></div>";
    assert_eq!(byline(body).as_deref(), Some("Bo van Dijk"));
    // A job title after the name and a middle dot goes, as after a comma.
    let body = "<h1>Council backs river path</h1>\
                <div>By <a href=/a/cruz>Mia Cruz</a> &sdot; Review Editor &sdot; Updated May 2, 2024</div>";
    assert_eq!(byline(body).as_deref(), Some("Mia Cruz"));
}

#[test]
fn a_by_line_after_the_body_starts_or_in_a_sentence_is_no_byline() {
    // "By …" after the body's first paragraph (150 characters or more)
    // belongs to a teaser or a quote, not the page.
    let body = "<h1>Council backs river path</h1><p>The council met on a wet Tuesday and \
                voted, after a long and heated debate about the cost, the route and the \
                trees, to build the new path from the old mill to the station by the end of next \
                summer.</p><div class=teaser>By Joe Bloggs</div>";
    assert_eq!(byline(body), None);
    // A sentence that starts with "By" is no name.
    let body = "<h1>Council backs river path</h1><p>By the end of the year the path opens.</p>";
    assert_eq!(byline(body), None);
}
