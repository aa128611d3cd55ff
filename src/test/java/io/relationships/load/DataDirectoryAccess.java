package io.relationships.load;

import java.nio.file.Path;

/** Lets tests in other packages make a {@link DataDirectory} for a folder of their own. */
public final class DataDirectoryAccess {

    private DataDirectoryAccess() {
    }

    public static DataDirectory of(Path root) {
        return new DataDirectory(root);
    }
}
