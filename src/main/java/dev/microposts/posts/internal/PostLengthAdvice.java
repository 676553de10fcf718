package dev.microposts.posts.internal;

import dev.microposts.web.PageController;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells the pages how long a post may be, so the compose box and the edit form count down from the limit the
 * server enforces instead of a number written into a template or a script.
 */
@ControllerAdvice(annotations = PageController.class)
class PostLengthAdvice {

    private final int maxLength;

    PostLengthAdvice(PostsProperties properties) {
        this.maxLength = properties.maxLength();
    }

    @ModelAttribute("postMaxLength")
    int postMaxLength() {
        return maxLength;
    }
}
