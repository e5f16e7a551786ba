-- Reference ordering for the rpm differential test: rpm's own rpm.vercmp (EVR comparison).
-- Run as: PAIRS=FILE rpm --eval "%{lua: dofile('rpm.lua')}". Reads "a<TAB>b" lines from
-- $PAIRS, prints -1, 0 or 1 per line.
local out = {}
for line in io.lines(os.getenv("PAIRS")) do
  local a, b = line:match("^([^\t]*)\t(.*)$")
  local c = rpm.vercmp(a, b)
  if c < 0 then c = -1 elseif c > 0 then c = 1 end
  out[#out + 1] = tostring(c)
end
io.write(table.concat(out, "\n"), "\n")
