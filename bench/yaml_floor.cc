// The physical floor of bench/config.sh: read each file named on stdin and parse every YAML
// document in it with yaml-cpp alone (YAML::LoadAll), doing nothing with the result. Prints the
// number of documents. Built by bench/config.sh; not part of the product.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <yaml-cpp/yaml.h>

int main() {
  std::string path;
  size_t documents = 0;
  while (std::getline(std::cin, path)) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    try {
      documents += YAML::LoadAll(text.str()).size();
    } catch (const YAML::Exception&) {
    }
  }
  std::cout << documents << "\n";
}
