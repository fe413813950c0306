//! The `declutter` command: run the engine on a saved page.
//!
//! ```text
//! declutter extract [--url URL] [--format text|markdown|html|json] [FILE|-]
//! declutter clutter [--url URL] [FILE|-]
//! ```
//!
//! Exit codes: 0 success, 1 input could not be read, 2 bad arguments,
//! 3 no article found (text, Markdown and HTML output only).

use std::io::{self, Read, Write};
use std::process::ExitCode;

use declutter::{Extraction, Options};

const USAGE: &str = "\
declutter — find the article and map the clutter on a news page

Usage:
  declutter extract [--url URL] [--format text|markdown|html|json] [FILE|-]
  declutter clutter [--url URL] [FILE|-]
  declutter --help | --version

Reads the page from FILE, or from standard input when FILE is `-` or absent.
The page's charset (byte-order mark, <meta charset>) is honoured.

extract   writes the article to standard output: plain text (default),
          Markdown or standalone HTML documents, or the whole extraction as
          JSON (metadata, article, readerable verdict, clutter plan).
clutter   lists the clutter plan, one block per line:
          kind<TAB>reason<TAB>preview<TAB>selector or #element-index

Options:
  --url URL        the page's address, used to make links absolute
  --format FORMAT  text, markdown, html or json (extract only)
  -h, --help       print this help
  -V, --version    print the version

Exit status: 0 success, 1 the input could not be read, 2 bad arguments,
3 no article found on the page (text, markdown and html formats).
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Markdown,
    Html,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Extract,
    Clutter,
}

#[derive(Debug)]
struct Args {
    command: Command,
    url: String,
    format: Format,
    /// `None` or `Some("-")` read standard input.
    input: Option<String>,
}

enum Parsed {
    Run(Args),
    Help,
    Version,
}

/// Why the command stopped, with its exit code.
enum Failure {
    Usage(String),
    Io(String),
    NoArticle,
}

impl Failure {
    fn code(&self) -> u8 {
        match self {
            Failure::Io(_) => 1,
            Failure::Usage(_) => 2,
            Failure::NoArticle => 3,
        }
    }

    fn message(&self) -> String {
        match self {
            Failure::Usage(m) => format!("{m} (try `declutter --help`)"),
            Failure::Io(m) => m.clone(),
            Failure::NoArticle => "no article found on this page".to_string(),
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            // One line, whatever the underlying error text holds.
            let message = failure.message().replace(['\n', '\r'], " ");
            eprintln!("declutter: {message}");
            ExitCode::from(failure.code())
        }
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
    let args = match parse_args(args)? {
        Parsed::Help => return write_stdout(USAGE),
        Parsed::Version => {
            return write_stdout(&format!("declutter {}\n", env!("CARGO_PKG_VERSION")))
        }
        Parsed::Run(args) => args,
    };
    let bytes = read_input(args.input.as_deref())?;
    let html = declutter::decode::decode_html(&bytes);
    let extraction = declutter::extract(&html, &args.url, &Options::default());
    match args.command {
        Command::Extract => write_extraction(&extraction, &args.url, args.format),
        Command::Clutter => write_stdout(&clutter_lines(&extraction)),
    }
}

fn parse_args(args: &[String]) -> Result<Parsed, Failure> {
    let mut command: Option<Command> = None;
    let mut url: Option<String> = None;
    let mut format: Option<Format> = None;
    let mut input: Option<String> = None;
    let mut only_positional = false;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        i += 1;
        if !only_positional && arg.starts_with('-') && arg != "-" {
            // `--name=value` or `--name value`.
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
                _ => (arg, None),
            };
            let mut value = |what: &str| -> Result<String, Failure> {
                if let Some(v) = inline.clone() {
                    return Ok(v);
                }
                let v = args
                    .get(i)
                    .ok_or_else(|| Failure::Usage(format!("{name} needs {what}")))?;
                i += 1;
                Ok(v.clone())
            };
            match name {
                "-h" | "--help" => return Ok(Parsed::Help),
                "-V" | "--version" => return Ok(Parsed::Version),
                "--" => only_positional = true,
                "--url" => {
                    if url.is_some() {
                        return Err(Failure::Usage("--url given twice".into()));
                    }
                    url = Some(value("a URL")?);
                }
                "--format" | "-f" => {
                    if format.is_some() {
                        return Err(Failure::Usage("--format given twice".into()));
                    }
                    let v = value("a format")?;
                    format = Some(match v.as_str() {
                        "text" | "txt" => Format::Text,
                        "markdown" | "md" => Format::Markdown,
                        "html" => Format::Html,
                        "json" => Format::Json,
                        other => {
                            return Err(Failure::Usage(format!(
                                "unknown format `{other}`: use text, markdown, html or json"
                            )))
                        }
                    });
                }
                other => return Err(Failure::Usage(format!("unknown option `{other}`"))),
            }
            continue;
        }
        if command.is_none() {
            command = Some(match arg {
                "extract" => Command::Extract,
                "clutter" => Command::Clutter,
                "help" => return Ok(Parsed::Help),
                other => {
                    return Err(Failure::Usage(format!(
                        "unknown command `{other}`: use extract or clutter"
                    )))
                }
            });
        } else if input.is_none() {
            input = Some(arg.to_string());
        } else {
            return Err(Failure::Usage(format!(
                "unexpected argument `{arg}`: give one input file"
            )));
        }
    }
    let Some(command) = command else {
        return Err(Failure::Usage(
            "no command given: use extract or clutter".into(),
        ));
    };
    if command == Command::Clutter && format.is_some() {
        return Err(Failure::Usage("--format applies to `extract` only".into()));
    }
    Ok(Parsed::Run(Args {
        command,
        url: url.unwrap_or_default(),
        format: format.unwrap_or(Format::Text),
        input,
    }))
}

fn read_input(input: Option<&str>) -> Result<Vec<u8>, Failure> {
    match input {
        None | Some("-") => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| Failure::Io(format!("cannot read standard input: {e}")))?;
            Ok(bytes)
        }
        Some(path) => std::fs::read(path)
            .map_err(|e| Failure::Io(format!("cannot read {path}: {}", io_reason(&e)))),
    }
}

/// The error's own words without the "(os error N)" tail.
fn io_reason(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_lowercase(),
        None => text,
    }
}

fn write_extraction(x: &Extraction, url: &str, format: Format) -> Result<(), Failure> {
    if format == Format::Json {
        let mut json = serde_json::to_string_pretty(x)
            .map_err(|e| Failure::Io(format!("cannot write JSON: {e}")))?;
        json.push('\n');
        return write_stdout(&json);
    }
    let Some(article) = x.article.as_ref() else {
        return Err(Failure::NoArticle);
    };
    let mut out = match format {
        Format::Text => article.text.clone(),
        Format::Markdown => declutter::export::markdown_document(x, url),
        Format::Html => declutter::export::html_document(x, url),
        Format::Json => unreachable!("handled above"),
    };
    if !out.ends_with('\n') {
        out.push('\n');
    }
    write_stdout(&out)
}

/// `kind<TAB>reason<TAB>preview<TAB>locator`, one block per line. Tabs and
/// line breaks inside fields become spaces so every block stays one line.
fn clutter_lines(x: &Extraction) -> String {
    let field = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::new();
    for block in &x.clutter {
        let locator = match &block.locator.selector {
            Some(selector) => selector.clone(),
            None => format!("#{}", block.locator.index),
        };
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            block.kind.as_str(),
            field(&block.reason),
            field(&block.preview),
            field(&locator)
        ));
    }
    out
}

fn write_stdout(s: &str) -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    match lock.write_all(s.as_bytes()).and_then(|()| lock.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`declutter … | head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Io(format!(
            "cannot write output: {}",
            io_reason(&e)
        ))),
    }
}
