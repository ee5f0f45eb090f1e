#!/usr/bin/env bash
# Builds Inkroom's Liberty user feature usr:inkroomQuiesce-1.0 (src/liberty-feature: one OSGi bundle
# whose bundle event hook closes every member with 1001 as the server begins to stop, before Liberty's
# quiesce drops the connections) into target/liberty-feature/ and installs it into a Liberty:
#   scripts/liberty-feature.sh [WLP_DIR]    (default target/liberty/wlp)
# Needs a JDK (javac, jar) and that Liberty (its OSGi framework jar to compile against). It installs
# usr/extension/lib/org.inkroom.liberty.quiesce_1.0.0.jar and usr/extension/lib/features/inkroomQuiesce-1.0.mf;
# server.xml then lists <feature>usr:inkroomQuiesce-1.0</feature>.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
src=$repo/src/liberty-feature
out=$repo/target/liberty-feature
wlp=${1:-$repo/target/liberty/wlp}
jdk_bin=${JAVA_HOME:+$JAVA_HOME/bin/}
rm -rf "$out" && mkdir -p "$out/classes/OSGI-INF" "$out/lib/features"
# Compiled against the OSGi framework jar of the Liberty it goes into (org.osgi.framework is all it uses).
osgi=$(ls "$wlp"/lib/org.eclipse.osgi_*.jar 2>/dev/null | head -1)
if [ -z "$osgi" ]; then
  echo "no Liberty at $wlp (its lib/org.eclipse.osgi_*.jar is needed to compile the feature)" >&2
  exit 1
fi
"${jdk_bin}javac" --release 17 -nowarn -d "$out/classes" -cp "$osgi" "$src/java/org/inkroom/liberty/QuiesceDrain.java"
cp "$src/OSGI-INF/quiesce.xml" "$out/classes/OSGI-INF/"
"${jdk_bin}jar" --create --file "$out/lib/org.inkroom.liberty.quiesce_1.0.0.jar" --manifest "$src/MANIFEST.MF" -C "$out/classes" .
cp "$src/inkroomQuiesce-1.0.mf" "$out/lib/features/"
mkdir -p "$wlp/usr/extension/lib/features"
cp "$out/lib/org.inkroom.liberty.quiesce_1.0.0.jar" "$wlp/usr/extension/lib/"
cp "$out/lib/features/inkroomQuiesce-1.0.mf" "$wlp/usr/extension/lib/features/"
echo "usr:inkroomQuiesce-1.0 installed in $wlp/usr/extension"
