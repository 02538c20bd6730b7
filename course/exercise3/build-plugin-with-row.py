"""Build a private copy of the escape plugin with extra library-model rows (course exercise 3).

usage: python3 course/exercise3/build-plugin-with-row.py SRCROOT LLVM_TOOLS_DIR ROWS_FILE OUTPUT_DIR
  e.g. python3 course/exercise3/build-plugin-with-row.py . /usr/lib/llvm-19/bin row.txt /tmp/myplugin

Copies SRCROOT/pass to OUTPUT_DIR/pass, inserts the MODEL(...) rows of ROWS_FILE at the top of
the model table in libc_models.c, compiles every file the way pass/CMakeLists.txt does and links
OUTPUT_DIR/libEscapePass.so. The repository's own build is never touched: this is how the
row of a student (or of the reference solution) is tried without changing pass/ for everyone.
"""
import concurrent.futures
import os
import shutil
import subprocess
import sys

ANCHOR = "static esc_library_model model_table[] = {\n"


def main():
    srcroot, tools, rows_file, out = sys.argv[1:5]
    llvm_config = os.path.join(tools, "llvm-config")
    major = subprocess.check_output([llvm_config, "--version"], text=True).strip().split(".")[0]
    includedir = subprocess.check_output([llvm_config, "--includedir"], text=True).strip()
    pass_dir = os.path.join(out, "pass")
    shutil.rmtree(pass_dir, ignore_errors=True)
    shutil.copytree(os.path.join(srcroot, "pass"), pass_dir)

    table = os.path.join(pass_dir, "libc_models.c")
    with open(table) as f:
        text = f.read()
    if ANCHOR not in text:
        sys.exit("build-plugin-with-row.py: model table not found in pass/libc_models.c")
    with open(rows_file) as f:
        rows = "".join(line for line in f if line.strip().startswith("MODEL("))
    if not rows:
        sys.exit("build-plugin-with-row.py: no MODEL(...) row in " + rows_file)
    with open(table, "w") as f:
        f.write(text.replace(ANCHOR, ANCHOR + rows, 1))

    defines = ["-DESC_LLVM_VERSION_MAJOR=" + major, '-DESC_LLVM_VERSION_STRING="course"',
               '-DESCC_VERSION_STRING="course"']
    common = ["-fPIC", "-O1", "-w", "-isystem", includedir, "-I", pass_dir] + defines
    jobs = []
    for name in sorted(os.listdir(pass_dir)):
        source = os.path.join(pass_dir, name)
        if name.endswith(".c"):
            jobs.append([os.path.join(tools, "clang"), "-std=c11", "-D_GNU_SOURCE"] + common)
        elif name.endswith(".cpp"):
            cxxflags = subprocess.check_output([llvm_config, "--cxxflags"], text=True).split()
            jobs.append([os.path.join(tools, "clang++")] + cxxflags + ["-fno-rtti"] + common)
        else:
            continue
        jobs[-1] += ["-c", source, "-o", source + ".o"]
    with concurrent.futures.ThreadPoolExecutor() as pool:
        for result in pool.map(lambda c: subprocess.run(c, capture_output=True, text=True), jobs):
            if result.returncode != 0:
                sys.exit(result.stderr)
    objects = [job[-1] for job in jobs]
    subprocess.check_call([os.path.join(tools, "clang++"), "-shared", "-o",
                           os.path.join(out, "libEscapePass.so")] + objects)


if __name__ == "__main__":
    main()
