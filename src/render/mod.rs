//! Rendering: plain text and Markdown from the sanitised article HTML, and
//! whole export documents (front matter, standalone HTML, file names).

pub mod export;
pub mod markdown;
pub mod text;

use crate::{Article, Options};

/// Build the [`Article`] from its sanitised HTML. `None` when the HTML holds
/// no words at all.
pub fn article(html: String, options: &Options) -> Option<Article> {
    let text = text::to_text(&html);
    let word_count = crate::text::word_count(&text);
    if word_count == 0 {
        return None;
    }
    let markdown = markdown::to_markdown(&html);
    let reading_time_minutes = word_count.div_ceil(options.words_per_minute.max(1));
    Some(Article {
        html,
        text,
        markdown,
        word_count,
        reading_time_minutes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_form_of_the_article() {
        let options = Options {
            words_per_minute: 2,
            ..Options::default()
        };
        let a = article(
            "<h2>Hi there</h2><p>Some <em>kind</em> words.</p>".into(),
            &options,
        )
        .expect("an article");
        assert_eq!(a.text, "Hi there\n\nSome kind words.\n");
        assert_eq!(a.markdown, "## Hi there\n\nSome *kind* words.\n");
        assert_eq!(a.word_count, 5);
        assert_eq!(a.reading_time_minutes, 3);
    }

    #[test]
    fn short_article_reads_in_one_minute() {
        let a = article("<p>one</p>".into(), &Options::default()).expect("an article");
        assert_eq!(a.reading_time_minutes, 1);
    }

    #[test]
    fn no_words_no_article() {
        assert_eq!(article(String::new(), &Options::default()), None);
        let html = "<p> <img src=\"https://e.com/i.png\" alt=\"x\"> </p>".to_string();
        assert_eq!(article(html, &Options::default()), None);
    }
}
