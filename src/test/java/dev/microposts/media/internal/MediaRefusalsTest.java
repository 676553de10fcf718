package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.web.ApiProblem;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class MediaRefusalsTest {

    private final UploadAdmission.Decision refused = new UploadAdmission.Decision(false, 42, 130);

    @Test
    @DisplayName("A full backlog tells a client the backlog and the wait, in the header and the body alike")
    void backlogFullForAClient() {
        ApiProblem answer = ApiProblem.from(BacklogFull.forUpload(refused));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("42");
        assertThat(answer.getBody().getProperties()).containsEntry("retry_after", 42L);
        assertThat(answer.getBody().getDetail())
                .isEqualTo("Too many videos are waiting to be processed right now (130); uploads reopen by"
                        + " themselves as they finish.");
    }

    @Test
    @DisplayName("A full backlog tells the compose form's writer that nothing was posted and the text is kept")
    void backlogFullForTheComposeForm() {
        assertThat(BacklogFull.forCompose(refused).getMessage())
                .isEqualTo("Nothing was posted: too many videos are waiting to be processed right now. Try again in"
                        + " 42 seconds; your text is still here.");
    }

    @Test
    @DisplayName("A disk below its floor is 507, and an item that is missing or on a post is 404 or 409")
    void diskAndItems() {
        assertThat(ApiProblem.from(new DiskNearlyFull()).getStatusCode().value())
                .isEqualTo(507);
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
        assertThat(ApiProblem.from(new MediaItemNotFound(id)).getBody().getDetail())
                .isEqualTo("No media item " + id);
        ApiProblem onAPost = ApiProblem.from(new MediaItemOnAPost(id));
        assertThat(onAPost.getStatusCode().value()).isEqualTo(409);
        assertThat(onAPost.getBody().getDetail())
                .isEqualTo("Media item " + id + " is on one of your posts; delete the post to delete it");
    }
}
