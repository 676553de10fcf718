package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.storage.StorageKeys;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MediaKeysTest {

    private static final UUID ITEM = UUID.fromString("0b9e7c1a-52d4-4c3e-9a61-2f0d8e7b6c5a");
    private static final UUID TOKEN = UUID.fromString("7d1f3e2b-8c4a-4b6d-a0e9-1c2b3d4e5f60");
    private static final Ladder.Rung RUNG_720 = new Ladder.Rung(720, 1280, 720, 30, 1935, 128);

    @Test
    void everyFileOfAnItemIsUnderItsPrefix() {
        String prefix = "media/0b9e7c1a-52d4-4c3e-9a61-2f0d8e7b6c5a/";
        assertThat(MediaKeys.itemPrefix(ITEM)).isEqualTo(prefix);
        assertThat(List.of(
                        MediaKeys.source(ITEM),
                        MediaKeys.attemptPrefix(ITEM, TOKEN),
                        MediaKeys.attemptFile(ITEM, TOKEN, MediaKeys.renditionFile(RUNG_720)),
                        MediaKeys.attemptFile(ITEM, TOKEN, MediaKeys.thumbnailFile(320))))
                .allSatisfy(key -> assertThat(key).startsWith(prefix));
    }

    @Test
    void theUploadIsTheItemsSource() {
        assertThat(MediaKeys.source(ITEM)).isEqualTo("media/0b9e7c1a-52d4-4c3e-9a61-2f0d8e7b6c5a/source");
    }

    @Test
    void anAttemptsFilesAreUnderItsLeaseToken() {
        assertThat(MediaKeys.attemptPrefix(ITEM, TOKEN))
                .isEqualTo("media/0b9e7c1a-52d4-4c3e-9a61-2f0d8e7b6c5a/7d1f3e2b-8c4a-4b6d-a0e9-1c2b3d4e5f60/");
        assertThat(MediaKeys.attemptFile(ITEM, TOKEN, MediaKeys.renditionFile(RUNG_720)))
                .isEqualTo("media/0b9e7c1a-52d4-4c3e-9a61-2f0d8e7b6c5a/7d1f3e2b-8c4a-4b6d-a0e9-1c2b3d4e5f60/720.mp4");
        assertThat(MediaKeys.attemptFile(ITEM, TOKEN, MediaKeys.thumbnailFile(320)))
                .isEqualTo(
                        "media/0b9e7c1a-52d4-4c3e-9a61-2f0d8e7b6c5a/7d1f3e2b-8c4a-4b6d-a0e9-1c2b3d4e5f60/thumb-320.jpg");
    }

    @Test
    void anotherAttemptsPrefixLeavesThisAttemptsFilesAlone() {
        UUID other = UUID.fromString("7d1f3e2b-8c4a-4b6d-a0e9-1c2b3d4e5f61");
        assertThat(MediaKeys.attemptFile(ITEM, TOKEN, MediaKeys.renditionFile(RUNG_720)))
                .doesNotStartWith(MediaKeys.attemptPrefix(ITEM, other));
    }

    @Test
    void aRenditionIsNamedByItsRungAndAThumbnailByItsWidth() {
        assertThat(MediaKeys.renditionFile(new Ladder.Rung(240, 240, 426, 24, 180, 64)))
                .isEqualTo("240.mp4");
        assertThat(MediaKeys.thumbnailName(640)).isEqualTo("thumb-640");
        assertThat(MediaKeys.thumbnailFile(640)).isEqualTo("thumb-640.jpg");
    }

    @Test
    void everyKeyAndPrefixIsOneStorageAccepts() {
        assertThat(List.of(
                        MediaKeys.source(ITEM),
                        MediaKeys.attemptFile(ITEM, TOKEN, MediaKeys.renditionFile(RUNG_720)),
                        MediaKeys.attemptFile(ITEM, TOKEN, MediaKeys.thumbnailFile(320))))
                .allSatisfy(key -> assertThat(StorageKeys.isValid(key)).as(key).isTrue());
        assertThat(List.of(MediaKeys.itemPrefix(ITEM), MediaKeys.attemptPrefix(ITEM, TOKEN)))
                .allSatisfy(prefix ->
                        assertThat(StorageKeys.requireValidPrefix(prefix)).isEqualTo(prefix));
    }

    @Test
    void aKeyIsTracedBackToItsItem() {
        assertThat(MediaKeys.itemOf(MediaKeys.source(ITEM))).contains(ITEM);
        assertThat(MediaKeys.itemOf(MediaKeys.attemptFile(ITEM, TOKEN, MediaKeys.thumbnailFile(320))))
                .contains(ITEM);
        assertThat(MediaKeys.itemOf("media/not-an-id/source")).isEmpty();
        assertThat(MediaKeys.itemOf("media/stray.bin")).isEmpty();
        assertThat(MediaKeys.itemOf("videos/0b9e7c1a-52d4-4c3e-9a61-2f0d8e7b6c5a/source"))
                .isEmpty();
    }

    @Test
    void onlyTheUploadItselfIsTheSource() {
        assertThat(MediaKeys.isSource(MediaKeys.source(ITEM))).isTrue();
        assertThat(MediaKeys.isSource(MediaKeys.attemptFile(ITEM, TOKEN, "source")))
                .isFalse();
        assertThat(MediaKeys.isSource(MediaKeys.attemptFile(ITEM, TOKEN, MediaKeys.renditionFile(RUNG_720))))
                .isFalse();
        assertThat(MediaKeys.isSource("media/not-an-id/source")).isFalse();
    }
}
