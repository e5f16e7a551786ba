# Reference ordering for the RubyGems differential test: Gem::Version#<=>.
# Reads "a<TAB>b" lines on stdin, prints -1, 0 or 1 per line, or "x" when either is invalid.
require 'rubygems'
out = STDIN.each_line.map do |line|
  a, b = line.chomp.split("\t", 2)
  if Gem::Version.correct?(a) && Gem::Version.correct?(b)
    (Gem::Version.new(a) <=> Gem::Version.new(b)).to_s
  else
    'x'
  end
end
puts out.join("\n")
