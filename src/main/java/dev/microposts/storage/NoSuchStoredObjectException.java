package dev.microposts.storage;

/** No object is stored under the key: it was never stored, or it was deleted. */
public class NoSuchStoredObjectException extends RuntimeException {

    private final String key;

    public NoSuchStoredObjectException(String key) {
        super("No stored object with key '" + key + "'");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
