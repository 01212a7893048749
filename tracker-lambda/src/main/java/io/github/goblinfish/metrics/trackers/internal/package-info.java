/**
 * Not API. What the library's own packages and modules share and users must not call: the line
 * observers the test kit captures lines with, the name rules the tracker and the Lambda handlers'
 * configuration both apply, and accessors through which the {@code lambda} package and the test kit
 * reach package-private members of the API packages. Anything here may change or go away in any
 * release, patch releases included, without notice; the build's API listing leaves this package
 * out.
 *
 * <p>Accessors follow one pattern: a public abstract class here whose one implementation is a
 * nested class of the API type it reaches. The implementation installs itself when it is
 * initialised, and the accessor initialises it the first time it is used, so that neither class is
 * loaded by a process that never needs it.
 */
package io.github.goblinfish.metrics.trackers.internal;
