/**
 * The image catalog: Mooring has no container images, so an image reference is mapped to a local program by the
 * line-based file {@code <stateDir>/images.conf} (see {@link dev.mooring.runtime.image.ImageCatalog}). Built-in
 * entries run a real redis-server and a real PostgreSQL for the sample's images, and {@code mooring/exec} runs a
 * container's own entryPoint and command.
 */
package dev.mooring.runtime.image;
