package dev.dindcluster.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The legacy LZMA-alone container as xz-utils' {@code lzma} writes it when streaming: preset 6
 * (lc=3 lp=0 pb=2, 8 MiB dictionary), unknown size, end marker. Its header is {@code 5d 00 00 80
 * 00 ff ff ff ff ff ff ff ff}, so the base64 of a blob always starts {@code XQAAgAD//////////}.
 */
public final class LzmaCodec {
  private LzmaCodec() {}

  /**
   * Dictionaries above this are refused instead of allocated: a damaged or hostile header could
   * ask for 4 GiB. 64 MiB covers {@code lzma -9}.
   */
  static final int MEMORY_LIMIT_KIB = 64 * 1024 + 1024;

  private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};

  /**
   * A compressing stream; closing it writes the end marker and closes {@code out}. LZMA-alone
   * cannot flush mid-stream, so {@code flush()} is a no-op here rather than an error.
   */
  public static OutputStream compress(OutputStream out) throws IOException {
    OutputStream lzma = new LZMAOutputStream(out, new LZMA2Options(LZMA2Options.PRESET_DEFAULT), -1);
    return new java.io.FilterOutputStream(lzma) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        lzma.write(b, off, len);
      }

      @Override
      public void flush() {
        // nothing can leave the encoder before close
      }
    };
  }

  /**
   * A decompressing stream for LZMA-alone, or for .xz when the payload starts with xz's magic
   * bytes (someone piped the dump through {@code xz} instead of {@code lzma}).
   */
  public static InputStream decompress(InputStream in) throws IOException {
    byte[] head = in.readNBytes(XZ_MAGIC.length);
    InputStream whole = new HeadThenRest(head, in);
    if (java.util.Arrays.equals(head, XZ_MAGIC)) {
      return new XZInputStream(whole, MEMORY_LIMIT_KIB);
    }
    return new LZMAInputStream(whole, MEMORY_LIMIT_KIB);
  }

  /**
   * Puts the peeked bytes back in front. Unlike SequenceInputStream or BufferedInputStream its
   * single-byte read is not synchronized: the LZMA range decoder reads one byte at a time.
   */
  private static final class HeadThenRest extends InputStream {
    private final byte[] head;
    private final InputStream rest;
    private int pos;

    HeadThenRest(byte[] head, InputStream rest) {
      this.head = head;
      this.rest = rest;
    }

    @Override
    public int read() throws IOException {
      return pos < head.length ? head[pos++] & 0xff : rest.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos < head.length && len > 0) {
        int n = Math.min(len, head.length - pos);
        System.arraycopy(head, pos, b, off, n);
        pos += n;
        return n;
      }
      return rest.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
      rest.close();
    }
  }
}
