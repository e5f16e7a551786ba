// A core header that includes a stage above core: the layering check must refuse it.
#pragma once
#include "rules/rule.h"
