package dev.amortizer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class BoundedZipTest {
    private static final Map<String, Integer> CAPS = Map.of("a.json", 100, "b.bin", 1000);

    @Test
    void readsTheAllowedEntries() throws IOException {
        Map<String, byte[]> read = read(zip(false, "a.json", new byte[100], "b.bin", new byte[] {1, 2, 3}));
        assertThat(read).containsOnlyKeys("a.json", "b.bin");
        assertThat(read.get("b.bin")).containsExactly(1, 2, 3);
    }

    @Test
    void refusesUnknownEntriesAndEntriesPastTheirCap() {
        assertThatThrownBy(() -> read(zip(false, "a.json", new byte[1], "c.class", new byte[1])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("src: unexpected entry 'c.class' in the test zip");
        assertThatThrownBy(() -> read(zip(false, "a.json", new byte[101])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 'a.json' inflates to more than 100 bytes");
        assertThatThrownBy(() -> read(zip(true, "a.json", new byte[101])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 'a.json' declares 101 bytes, more than the 100");
    }

    @Test
    void refusesAStoredEntryWhoseDeclaredSizeIsNotItsSize() throws IOException {
        byte[] zip = zip(true, "b.bin", new byte[10]);
        ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(22, 9); // the local header's size
        assertThatThrownBy(() -> read(zip)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("src:").hasMessageContaining("in entry 'b.bin'");
    }

    @Test
    void refusesWhatIsNoZipOrADamagedOne() throws IOException {
        assertThatThrownBy(() -> read("just text".getBytes())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("src: not a test zip (not a zip archive, or one with no entries)");
        byte[] good = zip(false, "b.bin", new byte[500]);
        assertThatThrownBy(() -> read(java.util.Arrays.copyOf(good, 38))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("src: not a test zip (not a zip archive, or a truncated or corrupt one");
        byte[] badName = zip(false, "a.json", new byte[1]);
        badName[30] = (byte) 0xff; // the entry name, flagged UTF-8 by ZipOutputStream
        assertThatThrownBy(() -> read(badName)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("src:");
    }

    private static Map<String, byte[]> read(byte[] zip) throws IOException {
        return BoundedZip.read(new ByteArrayInputStream(zip), "src", "test zip", CAPS);
    }

    /** Entries as name, content pairs; {@code stored} writes them uncompressed with their sizes in the header. */
    private static byte[] zip(boolean stored, Object... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < entries.length; i += 2) {
                byte[] content = (byte[]) entries[i + 1];
                ZipEntry e = new ZipEntry((String) entries[i]);
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(content.length);
                    e.setCompressedSize(content.length);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                zip.write(content);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
