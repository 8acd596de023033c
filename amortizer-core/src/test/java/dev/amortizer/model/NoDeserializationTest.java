package dev.amortizer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** The test JVM runs as the CLI does, with every Java deserialization rejected (the Surefire argLine). */
class NoDeserializationTest {
    @Test
    void theJvmWideSerialFilterRejectsEverything() throws IOException {
        assertThat(System.getProperty("jdk.serialFilter")).as("set by the Surefire argLine").isEqualTo("!*");
        NoDeserialization.install(); // a no-op once jdk.serialFilter is set
        assertThat(ObjectInputFilter.Config.getSerialFilter()).isNotNull();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(java.util.List.of(1, 2)));
        }
        assertThatThrownBy(() -> new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject())
                .isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED");
    }
}
