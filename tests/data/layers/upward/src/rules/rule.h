// Fixture of the layering test.
#pragma once
