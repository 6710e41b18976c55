// zlib (Debian zlib1g-dev): deflate/inflate and crc32 for .npz, gzip'd IDX files and PNG.
#include <zlib.h>
