//! Bounded reading primitives: every reader goes through these so that no single record can make
//! the process allocate more than `max_doc_bytes`, whatever the input looks like.

use std::cell::Cell;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

/// Outcome of reading one line.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    Eof,
    /// A complete line (without its `\n`) is in the buffer.
    Ok,
    /// The line exceeded the limit; the buffer holds its first `max` bytes and the rest was
    /// consumed and discarded.
    TooLong {
        total: u64,
    },
}

/// Read one `\n`-terminated line into `buf`, keeping at most `max` bytes. Consumes the whole line
/// even when it is too long so the next call starts at the next line.
pub(crate) fn read_line_bounded<R: BufRead + ?Sized>(
    r: &mut R,
    max: usize,
    buf: &mut Vec<u8>,
) -> io::Result<Line> {
    buf.clear();
    let mut total: u64 = 0;
    let mut any = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        let room = max.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..take.min(room)]);
        total += take as u64;
        r.consume(if done { take + 1 } else { take });
        if done {
            break;
        }
    }
    if !any {
        return Ok(Line::Eof);
    }
    if buf.last() == Some(&b'\r') && total as usize == buf.len() {
        buf.pop();
    }
    if total > max as u64 {
        Ok(Line::TooLong { total })
    } else {
        Ok(Line::Ok)
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// Read all of `r` but at most `max` bytes; the flag says whether more data followed.
pub(crate) fn read_to_end_bounded<R: Read + ?Sized>(
    r: &mut R,
    max: usize,
) -> io::Result<(Vec<u8>, bool)> {
    let mut buf = Vec::new();
    r.take(max as u64).read_to_end(&mut buf)?;
    let mut probe = [0u8; 1];
    let more = loop {
        match r.read(&mut probe) {
            Ok(n) => break n > 0,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    };
    Ok((buf, more))
}

/// Counts bytes pulled through it, so errors deep inside a decompressor can still name the byte
/// offset of the underlying (compressed) file.
pub(crate) struct Counting<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R> Counting<R> {
    pub(crate) fn new(inner: R) -> (Self, Rc<Cell<u64>>) {
        let count = Rc::new(Cell::new(0));
        (
            Counting {
                inner,
                count: count.clone(),
            },
            count,
        )
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_bounded_and_resync() {
        let data = b"short\r\n0123456789abcdef\nlast";
        let mut r = io::BufReader::with_capacity(4, &data[..]);
        let mut buf = Vec::new();
        assert_eq!(read_line_bounded(&mut r, 8, &mut buf).unwrap(), Line::Ok);
        assert_eq!(buf, b"short");
        assert_eq!(
            read_line_bounded(&mut r, 8, &mut buf).unwrap(),
            Line::TooLong { total: 16 }
        );
        assert_eq!(buf, b"01234567");
        assert_eq!(read_line_bounded(&mut r, 8, &mut buf).unwrap(), Line::Ok);
        assert_eq!(buf, b"last");
        assert_eq!(read_line_bounded(&mut r, 8, &mut buf).unwrap(), Line::Eof);
    }

    #[test]
    fn to_end_bounded() {
        let (b, more) = read_to_end_bounded(&mut &b"abcdef"[..], 3).unwrap();
        assert_eq!((b.as_slice(), more), (&b"abc"[..], true));
        let (b, more) = read_to_end_bounded(&mut &b"abc"[..], 3).unwrap();
        assert_eq!((b.as_slice(), more), (&b"abc"[..], false));
    }
}
